package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OfferID;
import io.osmos.proto.v1.scheduler.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The offers outstanding; turns allocations into OFFERS events and takes offers back. Loop-confined. */
final class Offers {

    private static final Logger LOG = LoggerFactory.getLogger(Offers.class);

    private final Cluster cluster;
    private final String masterId;
    private final AtomicLong nextOffer = new AtomicLong();
    private final Map<String, OfferRecord> outstanding = new LinkedHashMap<>();

    Offers(Cluster cluster, String masterId) {
        this.cluster = cluster;
        this.masterId = masterId;
    }

    /** The allocator's decision: offer it, or hand it straight back if the framework cannot take it. */
    void offer(FrameworkID frameworkId, Map<String, Map<AgentID, Resources>> byRole) {
        FrameworkRecord framework = cluster.framework(frameworkId.getValue());
        Event.Offers.Builder event = Event.Offers.newBuilder();
        for (Map.Entry<String, Map<AgentID, Resources>> role : byRole.entrySet()) {
            for (Map.Entry<AgentID, Resources> agentOffer : role.getValue().entrySet()) {
                AgentRecord agent = cluster.agents().get(agentOffer.getKey().getValue()).orElse(null);
                if (framework == null || !framework.active || !framework.connected() || agent == null || !agent.active()) {
                    cluster.allocator().recoverResources(frameworkId, agentOffer.getKey(), agentOffer.getValue(), null);
                    continue;
                }
                Offer offer = build(framework, agent, agentOffer.getValue());
                outstanding.put(offer.getId().getValue(),
                        new OfferRecord(offer, framework.id(), agent.id(), role.getKey(), agentOffer.getValue()));
                // Frameworks that do not know reservation stacks read role and reservation (Mesos too).
                event.addOffers(framework.hasCapability(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT) ? offer
                        : ResourceFormats.preRefinement(offer));
            }
        }
        if (event.getOffersCount() > 0) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(event).build());
            LOG.debug("Sent {} offers to framework {}", event.getOffersCount(), framework.id());
        }
    }

    private Offer build(FrameworkRecord framework, AgentRecord agent, Resources resources) {
        return Offer.newBuilder().setId(OfferID.newBuilder().setValue(masterId + "-O" + nextOffer.getAndIncrement()))
                .setFrameworkId(framework.id).setAgentId(agent.info().getId()).setHostname(agent.info().getHostname())
                .addAllResources(resources.toList()).addAllAttributes(agent.info().getAttributesList())
                .build();
    }

    OfferRecord get(String offerId) {
        return outstanding.get(offerId);
    }

    /** Removes an offer that a framework used or declined; the caller deals with its resources. */
    OfferRecord remove(String offerId) {
        return outstanding.remove(offerId);
    }

    /** Takes the offer back from the framework (RESCIND) and gives its resources to the allocator. */
    void rescind(OfferRecord offer) {
        if (outstanding.remove(offer.id()) == null) {
            return;
        }
        notifyRescind(offer);
        cluster.allocator().recoverResources(offer.offer().getFrameworkId(), offer.offer().getAgentId(),
                offer.resources(), null);
    }

    void rescindForAgent(String agentId) {
        forEach(o -> o.agentId().equals(agentId));
    }

    void rescindForFramework(String frameworkId) {
        forEach(o -> o.frameworkId().equals(frameworkId));
    }

    /** Forgets every offer without telling the allocator: used when the allocator itself goes away. */
    void rescindAllSilently() {
        for (OfferRecord offer : new ArrayList<>(outstanding.values())) {
            outstanding.remove(offer.id());
            notifyRescind(offer);
        }
    }

    private void notifyRescind(OfferRecord offer) {
        FrameworkRecord framework = cluster.framework(offer.frameworkId());
        if (framework != null && framework.connected()) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.RESCIND)
                    .setRescind(Event.Rescind.newBuilder().setOfferId(offer.offer().getId())).build());
        }
    }

    java.util.Collection<OfferRecord> all() {
        return java.util.Collections.unmodifiableCollection(outstanding.values());
    }

    List<OfferRecord> onAgent(String agentId) {
        return outstanding.values().stream().filter(o -> o.agentId().equals(agentId)).toList();
    }

    List<OfferRecord> of(String frameworkId) {
        return outstanding.values().stream().filter(o -> o.frameworkId().equals(frameworkId)).toList();
    }

    private void forEach(java.util.function.Predicate<OfferRecord> which) {
        for (OfferRecord offer : new ArrayList<>(outstanding.values())) {
            if (which.test(offer)) {
                rescind(offer);
            }
        }
    }
}
