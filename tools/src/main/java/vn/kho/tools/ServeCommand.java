package vn.kho.tools;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.kho.api.Kho;
import vn.kho.api.config.KhoConfig;

/** {@code kho serve}: runs the server until SIGTERM/SIGINT, then lets running ingests finish (or resume later). */
@Command(name = "serve", description = "Start the Kho server (embedded defaults: 127.0.0.1:8080, ./data).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080; env KHO_PORT).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR", description = "Bind address (default 127.0.0.1; env KHO_HOST).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        KhoConfig config = options.load(loader -> {
            if (port != null) {
                loader.set("server.port", port.toString());
            }
            if (host != null) {
                loader.set("server.host", host);
            }
        });
        Kho kho = Kho.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kho.close();
                            stopped.countDown();
                        },
                        "kho-shutdown"));
        System.out.println(
                "Kho is listening on http://" + config.host() + ":" + kho.port() + " (data: " + config.dataDir() + ")");
        stopped.await();
        return 0;
    }
}
