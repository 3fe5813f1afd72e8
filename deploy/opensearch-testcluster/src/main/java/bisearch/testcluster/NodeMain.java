package bisearch.testcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node of the test cluster, in a process of its own so that a
 * test can kill it. The plugins bisearch's mapping needs (HTTP and transport
 * over Netty, the common analysis module) come from the class path.
 *
 * <pre>NodeMain NAME HTTP_PORT TRANSPORT_PORT HOME SEED_HOSTS CLUSTER_MANAGER_NODES</pre>
 */
public final class NodeMain {
    /** Node's constructor that takes class-path plugins is protected. */
    static final class TestNode extends Node {
        TestNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: NodeMain NAME HTTP_PORT TRANSPORT_PORT HOME SEED_HOSTS CLUSTER_MANAGER_NODES");
            System.exit(2);
        }
        String name = args[0];
        Path home = Paths.get(args[3]);
        Files.createDirectories(home);
        Settings settings = Settings.builder()
            .put("cluster.name", "bisearch-test")
            .put("node.name", name)
            .put("path.home", home.toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", Integer.parseInt(args[1]))
            .put("transport.port", Integer.parseInt(args[2]))
            .putList("discovery.seed_hosts", args[4].split(","))
            .putList("cluster.initial_cluster_manager_nodes", args[5].split(","))
            // a test machine's disk may be fuller than a server's
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // a node that leaves has its replicas promoted at once
            .put("cluster.fault_detection.leader_check.interval", "1s")
            .put("cluster.fault_detection.follower_check.interval", "1s")
            .put("cluster.fault_detection.follower_check.timeout", "3s")
            .put("cluster.fault_detection.follower_check.retry_count", 2)
            .build();
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> name);
        Node node = new TestNode(env, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // the process ends anyway
            }
            stopped.countDown();
        }));
        node.start();
        System.out.println("node " + name + " started: http://127.0.0.1:" + args[1]);
        stopped.await();
    }
}
