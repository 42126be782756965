package io.osmos.master.impl;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Offer;

/** An outstanding offer: what the framework was sent, and the resources it holds. */
record OfferRecord(Offer offer, String frameworkId, String agentId, String role, Resources resources) {

    String id() {
        return offer.getId().getValue();
    }
}
