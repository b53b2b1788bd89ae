package vn.kho.servers.fedora;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The process {@link FedoraProcess} forks: the Fedora 6.0 war in embedded Tomcat 9 on a free loopback port. Arguments:
 * the war, the Tomcat base directory, the file to write the port to, the admin user and password. It runs until its
 * standard input ends, which happens when the parent JVM closes it or dies, so no Fedora outlives its parent.
 */
public final class FedoraServerMain {
    private FedoraServerMain() {}

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path base = Path.of(args[1]);
        Path portFile = Path.of(args[2]);
        String user = args[3];
        String password = args[4];

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Files.createDirectories(base.resolve("webapps"));
        tomcat.getHost().setAppBase(base.resolve("webapps").toString());
        tomcat.addUser(user, password);
        tomcat.addRole(user, "fedoraAdmin");
        tomcat.addWebapp("/fcrepo", war.toAbsolutePath().toString());
        tomcat.start();

        // written then renamed, so the parent never reads half a number
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".part");
        Files.writeString(partial, Integer.toString(connector.getLocalPort()), StandardCharsets.US_ASCII);
        Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);

        waitForEndOfInput(System.in);
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            e.printStackTrace();
        }
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nothing is said on this channel; only its end matters
            }
        } catch (IOException e) {
            // the parent is gone
        }
    }
}
