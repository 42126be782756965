package io.osmos.http.impl;

import static org.junit.Assert.assertEquals;

import java.util.List;

import io.osmos.http.api.Route;
import io.osmos.http.api.RouteHandler;

import org.junit.Test;

public class RouteTableTest {

    private static final RouteHandler NONE = (request, body) -> { };

    @Test
    public void exactBeatsPrefixLongerPrefixBeatsShorterHigherRankingBeatsLower() {
        Route prefix = Route.prefix("/api", NONE);
        Route longer = Route.prefix("/api/v1", NONE);
        Route exact = Route.exact("/api/v1", NONE);
        Route ranked = Route.exact("/health", NONE);
        Route unranked = Route.exact("/health", NONE);
        RouteTable table = RouteTable.EMPTY.with(List.of(new RouteTable.Entry(prefix, 0, 1),
                new RouteTable.Entry(longer, 0, 2), new RouteTable.Entry(unranked, 0, 3)))
                .with(List.of(new RouteTable.Entry(exact, 0, 4), new RouteTable.Entry(ranked, 10, 5)));
        assertEquals(exact, table.find("/api/v1").orElseThrow());
        assertEquals(longer, table.find("/api/v1/scheduler").orElseThrow());
        assertEquals(prefix, table.find("/api/v2").orElseThrow());
        assertEquals(ranked, table.find("/health").orElseThrow());
        assertEquals(unranked, table.without(5).find("/health").orElseThrow());
        assertEquals(false, table.find("/apix").isPresent());
    }
}
