package io.osmos.modules.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

public class ComponentStatesTest {

    @Test
    public void satisfiedAndActiveAreUp() {
        List<ComponentInfo> components = List.of(new ComponentInfo("a", "ACTIVE"), new ComponentInfo("b", "SATISFIED"),
                new ComponentInfo("c", "UNSATISFIED_REFERENCE"), new ComponentInfo("d", "FAILED_ACTIVATION"));
        assertEquals(Set.of("a", "b"), ComponentStates.up(components));
    }

    @Test
    public void namesTheStatesOfServiceComponentRuntime() {
        assertEquals("ACTIVE", ComponentStates.name(ComponentConfigurationDTO.ACTIVE));
        assertEquals("UNSATISFIED_REFERENCE", ComponentStates.name(ComponentConfigurationDTO.UNSATISFIED_REFERENCE));
        assertEquals("FAILED_ACTIVATION", ComponentStates.name(ComponentConfigurationDTO.FAILED_ACTIVATION));
    }

    @Test
    public void waitsUntilTheComponentsAreBack() {
        AtomicInteger polls = new AtomicInteger();
        boolean back = ComponentStates.awaitUp(() -> polls.incrementAndGet() < 5 ? List.of()
                : List.of(new ComponentInfo("a", "ACTIVE")), Set.of("a"), System.nanoTime() + 5_000_000_000L);
        assertTrue(back);
        assertEquals(5, polls.get());
    }

    @Test
    public void givesUpAtTheDeadline() {
        assertFalse(ComponentStates.awaitUp(() -> List.of(new ComponentInfo("a", "UNSATISFIED_REFERENCE")),
                Set.of("a"), System.nanoTime() + 20_000_000L));
    }
}
