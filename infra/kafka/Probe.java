import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Readiness probe used by infra/kafka/broker.sh: exits 0 as soon as the broker answers a metadata
 * request (describeCluster) with a controller and at least one node, retrying within timeoutMs
 * (one JVM start instead of one per attempt); prints the cluster id and node count.
 * Usage: java -cp '<libs>/*:<classes>' Probe <bootstrap> [timeoutMs]
 */
public final class Probe {
  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
    int timeoutMs = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int attemptMs = Math.min(1000, timeoutMs);
    long deadline = System.currentTimeMillis() + timeoutMs;
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tandem-broker-probe");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, attemptMs);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, attemptMs);
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, attemptMs);
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, attemptMs);
    props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    props.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    String last = "no attempt";
    try (Admin admin = Admin.create(props)) {
      while (System.currentTimeMillis() < deadline) {
        try {
          DescribeClusterResult cluster = admin.describeCluster();
          String id = cluster.clusterId().get(attemptMs, TimeUnit.MILLISECONDS);
          int nodes = cluster.nodes().get(attemptMs, TimeUnit.MILLISECONDS).size();
          if (cluster.controller().get(attemptMs, TimeUnit.MILLISECONDS) != null && nodes > 0) {
            System.out.println("cluster " + id + ", " + nodes + " node(s)");
            System.exit(0);
          }
          last = "no controller or no nodes yet";
        } catch (Exception e) {
          last = e.getCause() != null ? e.getCause().toString() : e.toString();
        }
        Thread.sleep(200);
      }
    }
    System.out.println("not ready: " + last);
    System.exit(1);
  }
}
