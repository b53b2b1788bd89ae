package vn.kho.tools;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.tika.mime.MimeTypes;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kho.api.Kho;
import vn.kho.ingest.validate.JhoveModules;
import vn.kho.ingest.validate.ValidationResult;
import vn.kho.ingest.validate.ValidationStatus;
import vn.kho.ingest.validate.ValidatorPool;
import vn.kho.ingest.validate.ValidatorSettings;
import vn.kho.storage.ocfl.DurableFiles;

/**
 * {@code kho bench validate}: validates every file of a folder with Kho's pool of warm validator JVMs (JHOVE, plus
 * veraPDF for PDFs), then, in the same run, runs JHOVE's own command line once per file as other repositories call it
 * ({@code java -cp ... edu.harvard.hul.ois.jhove.Jhove -c jhove.conf -m MODULE -h xml FILE}), with as many processes
 * at a time as the pool has workers. Prints files/s, MB/s and the ratio. {@code --generate N} first writes N sample
 * PDFs and images into a temporary folder.
 */
@Command(name = "validate", description = "File validation: Kho's warm JVM pool against JHOVE's command line per file.")
final class ValidateBench implements Callable<Integer> {
    @Option(names = "--dir", description = "Folder whose files are validated.")
    Path dir;

    @Option(names = "--generate", description = "First write this many sample PDFs and images into a temp folder.")
    int generate;

    @Option(names = "--workers", description = "Validator JVMs (default ${DEFAULT-VALUE}).")
    int workers = ValidatorSettings.defaults().workers();

    @Option(names = "--cli-files", description = "Run JHOVE's command line on at most this many files (0: all).")
    int cliFiles;

    @Option(names = "--jhove-cli", description = "JHOVE's application jar (default: target/jhove-cli next to kho.jar).")
    Path jhoveCli;

    @Option(names = "--keep", description = "Keep generated files and reports.")
    boolean keep;

    record Figures(double seconds, long bytes, int files) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double filesPerSecond() {
            return files / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("kho-bench-validate");
        try {
            Path folder = dir;
            if (generate > 0) {
                folder = work.resolve("samples");
                System.out.printf("generating %d sample files in %s...%n", generate, folder);
                generate(folder, generate);
            }
            if (folder == null) {
                System.err.println("kho bench validate: give --dir FOLDER or --generate N");
                return 2;
            }
            List<Path> files;
            try (var s = Files.walk(folder)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            MimeTypes types = MimeTypes.getDefaultMimeTypes();
            List<String> mediaTypes = new ArrayList<>();
            long bytes = 0;
            for (Path f : files) {
                mediaTypes.add(types.getMimeType(f.getFileName().toString()).toString());
                bytes += Files.size(f);
            }
            System.out.printf(
                    "kho bench validate — %s, %d cores, %d files, %.1f MB, %d validator JVMs%n",
                    Kho.AGENT, Runtime.getRuntime().availableProcessors(), files.size(), bytes / 1e6, workers);

            Path reports = Files.createDirectories(work.resolve("reports"));
            Figures cold;
            Figures warm;
            Map<ValidationStatus, Integer> statuses = new EnumMap<>(ValidationStatus.class);
            int pdfaVerified = 0;
            long start = System.nanoTime();
            try (ValidatorPool pool =
                    new ValidatorPool(ValidatorSettings.defaults().withWorkers(workers))) {
                List<ValidationResult> results = runPool(pool, files, mediaTypes, reports);
                cold = new Figures((System.nanoTime() - start) / 1e9, bytes, files.size());
                long again = System.nanoTime();
                runPool(pool, files, mediaTypes, reports);
                warm = new Figures((System.nanoTime() - again) / 1e9, bytes, files.size());
                for (ValidationResult r : results) {
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.pdfa() != null && r.pdfa().compliant()) {
                        pdfaVerified++;
                    }
                }
            }
            System.out.printf("kho pool results: %s; PDF/A verified: %d%n", statuses, pdfaVerified);

            int n = cliFiles > 0 ? Math.min(cliFiles, files.size()) : files.size();
            Figures cli = runCli(files.subList(0, n), mediaTypes.subList(0, n), work);

            String row = "%-58s %8.2f s %8.2f MB/s %8.1f files/s%n";
            System.out.printf(
                    row,
                    "kho pool, start-up included (JHOVE + veraPDF)",
                    cold.seconds(),
                    cold.mbPerSecond(),
                    cold.filesPerSecond());
            System.out.printf(
                    row,
                    "kho pool, warm (second pass, JHOVE + veraPDF)",
                    warm.seconds(),
                    warm.mbPerSecond(),
                    warm.filesPerSecond());
            System.out.printf(
                    row,
                    "JHOVE command line, one JVM per file (JHOVE only)"
                            + (n < files.size() ? " [" + n + " files]" : ""),
                    cli.seconds(),
                    cli.mbPerSecond(),
                    cli.filesPerSecond());
            System.out.printf(
                    "files/s ratio, pool / command line: %.1fx with start-up, %.1fx warm (target >= 10x)%n",
                    cold.filesPerSecond() / cli.filesPerSecond(), warm.filesPerSecond() / cli.filesPerSecond());
            return 0;
        } finally {
            if (!keep) {
                DurableFiles.deleteTree(work);
            } else {
                System.out.println("kept " + work);
            }
        }
    }

    private List<ValidationResult> runPool(ValidatorPool pool, List<Path> files, List<String> types, Path reports)
            throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(workers * 2);
        try {
            List<Future<ValidationResult>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                String type = types.get(i);
                Path report = reports.resolve(i + ".xml");
                futures.add(callers.submit(() -> pool.validate(f, type, report)));
            }
            List<ValidationResult> results = new ArrayList<>();
            for (Future<ValidationResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            callers.shutdownNow();
        }
    }

    private Figures runCli(List<Path> files, List<String> types, Path work) throws Exception {
        Path jar = jhoveCli != null ? jhoveCli : defaultJhoveCli();
        Set<String> cp = new LinkedHashSet<>();
        cp.add(jar.toString());
        for (String cls : JhoveModules.moduleClasses().values()) {
            cp.add(location(cls));
        }
        for (String cls : List.of(
                "org.jwat.common.HeaderLineReader",
                "org.jwat.gzip.GzipConstants",
                "org.jwat.arc.ArcRecordBase",
                "org.jwat.archive.common.ReaderFactoryAbstract",
                "org.jwat.warc.WarcFileNamingSingleFile")) {
            cp.add(location(cls));
        }
        Path conf = work.resolve("jhove.conf");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<jhoveConfig version=\"1.0\" xmlns=\"http://hul.harvard.edu/ois/xml/ns/jhove/jhoveConfig\">\n"
                + " <jhoveHome>" + work + "</jhoveHome>\n <defaultEncoding>utf-8</defaultEncoding>\n"
                + " <tempDirectory>" + work + "</tempDirectory>\n <bufferSize>131072</bufferSize>\n"
                + " <mixVersion>2.0</mixVersion>\n <sigBytes>1024</sigBytes>\n");
        for (String cls : JhoveModules.moduleClasses().values()) {
            xml.append(" <module><class>").append(cls).append("</class></module>\n");
        }
        xml.append("</jhoveConfig>\n");
        Files.writeString(conf, xml, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = String.join(File.pathSeparator, cp);
        Path out = Files.createDirectories(work.resolve("cli"));
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("running JHOVE's command line on %d files, %d at a time...%n", files.size(), workers);
        ExecutorService runners = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                String module = JhoveModules.forMediaType(types.get(i)).orElse(null);
                Path report = out.resolve(i + ".xml");
                futures.add(runners.submit(() -> {
                    List<String> command = new ArrayList<>(
                            List.of(java, "-cp", classpath, "edu.harvard.hul.ois.jhove.Jhove", "-c", conf.toString()));
                    if (module != null) {
                        command.addAll(List.of("-m", module));
                    }
                    command.addAll(List.of("-h", "xml", f.toString()));
                    Process p = new ProcessBuilder(command)
                            .redirectOutput(report.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    if (!p.waitFor(120, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        return -1;
                    }
                    return p.exitValue();
                }));
            }
            int failed = 0;
            for (Future<Integer> f : futures) {
                if (f.get() != 0) {
                    failed++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String first = Files.readString(out.resolve("0.xml"));
            if (failed > 0 || !first.contains("<repInfo")) {
                System.out.printf("JHOVE command line: %d runs failed; first report begins: %.300s%n", failed, first);
            }
            return new Figures(seconds, bytes, files.size());
        } finally {
            runners.shutdownNow();
        }
    }

    private static String location(String cls) throws Exception {
        return Path.of(Class.forName(cls)
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    private static Path defaultJhoveCli() throws Exception {
        Path kho = Path.of(ValidateBench.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path folder = kho.getParent().resolve("jhove-cli");
        try (var s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith("jhove-apps"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jhove-apps jar in " + folder));
        }
    }

    /**
     * {@code n} files: 40% PDFs (1-12 pages of drawings and an embedded image; every other one a PDF/A-2b with text
     * in embedded DejaVu Sans when the font is here), then TIFF, JPEG, PNG and GIF images of varied sizes.
     */
    static void generate(Path folder, int n) throws Exception {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(42);
        Path dejavu = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        for (int i = 0; i < n; i++) {
            int kind = i % 10;
            int w = 200 + random.nextInt(1200);
            int h = 200 + random.nextInt(1200);
            if (kind < 4) {
                pdf(
                        folder.resolve(String.format("doc-%04d.pdf", i)),
                        1 + random.nextInt(12),
                        kind % 2 == 0,
                        dejavu,
                        image(w / 2, h / 2, random, false));
            } else {
                String format = kind < 6 ? "tiff" : kind < 8 ? "jpeg" : kind == 8 ? "png" : "gif";
                String ext = format.equals("tiff") ? "tif" : format.equals("jpeg") ? "jpg" : format;
                BufferedImage img = image(w, h, random, format.equals("gif"));
                ImageIO.write(
                        img,
                        format,
                        folder.resolve(String.format("img-%04d.%s", i, ext)).toFile());
            }
        }
    }

    private static BufferedImage image(int w, int h, SplittableRandom random, boolean indexed) {
        BufferedImage img =
                new BufferedImage(w, h, indexed ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        for (int k = 0; k < 30; k++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(w), random.nextInt(h), 20 + random.nextInt(w / 2), 20 + random.nextInt(h / 2));
        }
        g.dispose();
        return img;
    }

    private static void pdf(Path file, int pages, boolean pdfa, Path font, BufferedImage picture) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font f = pdfa && Files.isReadable(font) ? PDType0Font.load(doc, font.toFile()) : null;
            PDImageXObject image = LosslessFactory.createFromImage(doc, picture);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.setNonStrokingColor(0.1f * (p % 10), 0.4f, 0.7f);
                    cs.addRect(60, 60 + p, 300, 200);
                    cs.fill();
                    cs.drawImage(image, 60, 300, 300, 300f * picture.getHeight() / picture.getWidth());
                    if (f != null) {
                        cs.beginText();
                        cs.setFont(f, 12);
                        cs.newLineAtOffset(60, 780);
                        cs.showText("Kho bench — page " + (p + 1) + " of " + pages);
                        cs.endText();
                    }
                }
            }
            if (pdfa) {
                XMPMetadata xmp = XMPMetadata.createXMPMetadata();
                PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
                id.setPart(2);
                id.setConformance("B");
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new XmpSerializer().serialize(xmp, bytes, true);
                PDMetadata metadata = new PDMetadata(doc);
                metadata.importXMPMetadata(bytes.toByteArray());
                doc.getDocumentCatalog().setMetadata(metadata);
                PDOutputIntent intent = new PDOutputIntent(
                        doc,
                        new ByteArrayInputStream(
                                ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
                intent.setInfo("sRGB IEC61966-2.1");
                intent.setOutputCondition("sRGB IEC61966-2.1");
                intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
                intent.setRegistryName("http://www.color.org");
                doc.getDocumentCatalog().addOutputIntent(intent);
            }
            doc.save(file.toFile());
        }
    }
}
