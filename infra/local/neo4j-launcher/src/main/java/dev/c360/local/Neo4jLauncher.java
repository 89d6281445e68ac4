package dev.c360.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only its Bolt connector, on loopback, so the services and tests
 * reach it with the production driver over the production protocol.
 *
 * <p>Environment: NEO4J_HOST (127.0.0.1), NEO4J_PORT (7687), NEO4J_HOME_DIR (.data/neo4j, or the first
 * argument), NEO4J_AUTH_ENABLED (false), NEO4J_PASSWORD (password of user neo4j when auth is on, at
 * least 8 characters), NEO4J_PAGECACHE_MB (64).
 */
public final class Neo4jLauncher {
  private Neo4jLauncher() {}

  public static void main(String[] args) throws Exception {
    String host = env("NEO4J_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("NEO4J_PORT", "7687"));
    Path home = Path.of(args.length > 0 ? args[0] : env("NEO4J_HOME_DIR", ".data/neo4j")).toAbsolutePath();
    boolean authEnabled = Boolean.parseBoolean(env("NEO4J_AUTH_ENABLED", "false"));
    String password = env("NEO4J_PASSWORD", "");
    long pageCacheMb = Long.parseLong(env("NEO4J_PAGECACHE_MB", "64"));
    if (authEnabled && password.isEmpty()) {
      fail("NEO4J_AUTH_ENABLED=true needs NEO4J_PASSWORD (at least 8 characters) for user neo4j");
    }

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(HttpsConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, authEnabled)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        // Development data: small, non-preallocated transaction logs instead of 256 MiB per database.
        .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
        .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
        // No usage reports: this machine only talks to loopback.
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("neo4j stopping");
      dbms.shutdown();
      System.out.println("neo4j stopped");
    }, "neo4j-shutdown"));

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) {
      fail("database " + db.databaseName() + " did not become available");
    }
    if (authEnabled) {
      setPassword(dbms, password);
    }
    System.out.printf("neo4j started: bolt://%s:%d, home %s, auth %s%n", host, port, home,
        authEnabled ? "on (user neo4j)" : "off");
    Thread.currentThread().join();
  }

  /**
   * Makes NEO4J_PASSWORD the password of the built-in user neo4j on every start, with no forced change.
   * Embedded transactions run with full access, so this works whatever the stored password was.
   */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
        Map.of("password", password));
  }

  private static void fail(String message) {
    System.err.println("neo4j launcher: " + message);
    System.exit(2);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
