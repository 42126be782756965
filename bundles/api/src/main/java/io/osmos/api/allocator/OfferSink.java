package io.osmos.api.allocator;

import java.util.Map;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkID;

import org.osgi.annotation.versioning.ProviderType;

/** Receives an allocation cycle's offers for one framework. */
@ProviderType
@FunctionalInterface
public interface OfferSink {

    /**
     * @param offers by role, then by agent: the resources offered, each carrying
     *               {@code allocation_info.role}
     */
    void offer(FrameworkID framework, Map<String, Map<AgentID, Resources>> offers);
}
