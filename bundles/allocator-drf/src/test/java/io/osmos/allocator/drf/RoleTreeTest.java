package io.osmos.allocator.drf;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.resources.Resources;

import org.junit.Test;

public class RoleTreeTest {

    private final RoleTree tree = new RoleTree();
    private final Fairness fairness = new Fairness(Map.of("cpus", 10_000L, "mem", 10_000L), Set.of());

    private void give(String role, double cpus) {
        tree.add(role, Resources.parse("cpus:" + cpus));
    }

    private List<String> order(Set<String> wanting, Map<String, Double> weights) {
        return tree.order(wanting, fairness, role -> weights.getOrDefault(role, 1.0));
    }

    @Test
    public void lowestWeightedShareFirst() {
        give("a", 2);
        give("b", 3);
        assertEquals(List.of("c", "a", "b"), order(Set.of("a", "b", "c"), Map.of()));
        assertEquals("b's weight 2 halves its share to 0.15", List.of("c", "b", "a"),
                order(Set.of("a", "b", "c"), Map.of("b", 2.0)));
    }

    @Test
    public void tiesGoToFewerAllocationsThenToTheName() {
        give("b", 1);
        give("a", 0.5);
        give("a", 0.5);
        assertEquals("equal shares; b was allocated to once, a twice", List.of("b", "a"),
                order(Set.of("a", "b"), Map.of()));
        give("b", 1);
        tree.subtract("b", Resources.parse("cpus:1"));
        assertEquals("counts never go down: now both twice, a by name", List.of("a", "b"),
                order(Set.of("a", "b"), Map.of()));
    }

    @Test
    public void aSubtreeIsSortedAsAWholeThenWithin() {
        give("eng/web", 1);
        give("eng/db", 2);
        give("ops", 2.5);
        assertEquals("eng holds 3 > ops 2.5", List.of("ops", "eng/web", "eng/db"),
                order(Set.of("eng/web", "eng/db", "ops"), Map.of()));
        assertEquals(3000, tree.subtree("eng").millis("cpus"));
        assertEquals(0, tree.own("eng").millis("cpus"));
        assertEquals("eng's weight applies to its subtree", List.of("eng/web", "eng/db", "ops"),
                order(Set.of("eng/web", "eng/db", "ops"), Map.of("eng", 2.0)));
    }

    @Test
    public void aRoleWithFrameworksCompetesWithItsChildrenOnWhatItHoldsItself() {
        give("eng", 2);
        give("eng/web", 1);
        assertEquals(List.of("eng/web", "eng"), order(Set.of("eng", "eng/web"), Map.of()));
        give("eng/web", 2);
        assertEquals(List.of("eng", "eng/web"), order(Set.of("eng", "eng/web"), Map.of()));
        assertEquals("only wanting roles are listed", List.of("eng/web"), order(Set.of("eng/web"), Map.of()));
    }

    @Test
    public void onlyFairlySharedResourcesWithATotalCount() {
        Fairness partial = new Fairness(Map.of("cpus", 10_000L, "gpus", 4_000L, "disk", 0L), Set.of("gpus"));
        tree.add("a", Resources.parse("cpus:1;gpus:4;disk:100"));
        tree.add("b", Resources.parse("cpus:2"));
        assertEquals(0.1, partial.share(tree.subtree("a"), 1), 0);
        assertEquals(List.of("a", "b"), tree.order(Set.of("a", "b"), partial, role -> 1.0));
    }
}
