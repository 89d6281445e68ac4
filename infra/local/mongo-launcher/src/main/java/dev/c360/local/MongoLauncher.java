package dev.c360.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Serves the MongoDB wire protocol on loopback from an H2 MVStore file, standing in for MongoDB in
 * local runs and tests.
 *
 * <p>Environment: MONGO_HOST (127.0.0.1), MONGO_PORT (27017), MONGO_DATA_FILE (.data/mongo/c360.mv, or
 * the first argument; {@code :memory:} keeps everything in the heap, gone at exit, which scans several
 * times faster: the analytics benchmark's private server).
 */
public final class MongoLauncher {
  /**
   * MongoDB 4.4, wire version 9: the MongoDB Node driver 7 (mongoose 9) refuses anything older, and the
   * server's own ServerVersion constants all report wire version 8 or below (MONGO_5_0 included).
   */
  static final MongoVersion MONGO_4_4 = new MongoVersion() {
    @Override
    public List<Integer> getVersionArray() {
      return List.of(4, 4, 0);
    }

    @Override
    public int getWireVersion() {
      return 9;
    }
  };

  private MongoLauncher() {}

  public static void main(String[] args) throws Exception {
    String host = env("MONGO_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("MONGO_PORT", "27017"));
    String data = args.length > 0 ? args[0] : env("MONGO_DATA_FILE", ".data/mongo/c360.mv");
    AbstractMongoBackend backend;
    if (data.equals(":memory:")) {
      backend = new MemoryBackend();
    } else {
      Path dataFile = Path.of(data).toAbsolutePath();
      Files.createDirectories(dataFile.getParent());
      data = dataFile.toString();
      backend = new H2Backend(data);
    }
    backend.version(MONGO_4_4);
    MongoServer server = new MongoServer(backend);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("mongo-java-server stopping");
      // Stops listening, closes the clients, then closes the backend, which commits the MVStore file.
      server.shutdownNow();
      System.out.println("mongo-java-server stopped");
    }, "mongo-shutdown"));

    server.bind(host, port);
    System.out.printf("mongo-java-server listening on %s:%d, data in %s, reporting MongoDB %s (wire %d)%n", host,
        port, data, MONGO_4_4.toVersionString(), MONGO_4_4.getWireVersion());
    Thread.currentThread().join();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
