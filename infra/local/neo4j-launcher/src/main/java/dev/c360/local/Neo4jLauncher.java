package dev.c360.local;

import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only its Bolt connector, on loopback, so the services and tests
 * reach it with the production driver over the production protocol.
 */
public final class Neo4jLauncher {
  private Neo4jLauncher() {}

  public static void main(String[] args) throws Exception {
    String host = env("NEO4J_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("NEO4J_PORT", "7687"));
    Path home = Path.of(env("NEO4J_HOME_DIR", ".data/neo4j")).toAbsolutePath();
    boolean authEnabled = Boolean.parseBoolean(env("NEO4J_AUTH_ENABLED", "false"));
    long pageCacheMb = Long.parseLong(env("NEO4J_PAGECACHE_MB", "128"));

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, authEnabled)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
        .build();
    // Opening the default database makes it available before we report being started.
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    System.out.printf("neo4j started: bolt://%s:%d, home %s, auth %s%n", host, port, home, authEnabled ? "on" : "off");

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      System.out.println("neo4j stopped");
    }, "neo4j-shutdown"));
    Thread.currentThread().join();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
