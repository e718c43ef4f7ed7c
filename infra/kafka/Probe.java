import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Readiness probe used by infra/kafka/broker.sh: succeeds (exit 0) once the broker answers a
 * metadata request (describeCluster) and reports a controller; prints the cluster id and node count.
 * Usage: java -cp '<libs>/*:<classes>' Probe <bootstrap> [timeoutMs]
 */
public final class Probe {
  public static void main(String[] args) {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
    int timeoutMs = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tandem-broker-probe");
    try (Admin admin = Admin.create(props)) {
      DescribeClusterResult cluster = admin.describeCluster();
      String id = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
      int nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
      if (cluster.controller().get(timeoutMs, TimeUnit.MILLISECONDS) == null || nodes == 0) {
        System.out.println("no controller or no nodes yet");
        System.exit(1);
      }
      System.out.println("cluster " + id + ", " + nodes + " node(s)");
      System.exit(0);
    } catch (Exception e) {
      System.out.println("not ready: " + e);
      System.exit(1);
    }
  }
}
