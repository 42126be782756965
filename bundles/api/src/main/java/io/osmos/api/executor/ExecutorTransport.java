package io.osmos.api.executor;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way for executors to reach the v1 Executor API of their agent (TCP, a Unix domain socket, ...).
 * A transport serves the agent's executor endpoint wherever it listens, and tells the agent what
 * to put in an executor's environment so the executor finds it. Several may be active at once.
 */
@ConsumerType
public interface ExecutorTransport {

    /** Service property with the transport's name, e.g. {@code tcp} or {@code uds}. */
    String NAME = "osmos.executor.transport";

    /** Variables for the executor's environment, e.g. {@code MESOS_AGENT_ENDPOINT=127.0.0.1:5051}. */
    Map<String, String> executorEnvironment();
}
