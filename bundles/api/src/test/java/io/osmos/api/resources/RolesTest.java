package io.osmos.api.resources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

public class RolesTest {

    @Test
    public void acceptsMesosRoleNames() {
        for (String role : List.of("*", "a", "ops", "a/b", "a/b/c", "a-b", "a.b", "a..b", "a_b", "A1", "a/.b", "é")) {
            assertTrue(role, Roles.isValid(role));
            assertEquals(role, Roles.validate(role));
        }
    }

    @Test
    public void rejectsWhatCannotBeADirectoryPath() {
        for (String role : new String[] {"", ".", "..", "-a", "a/-b", "/a", "a/", "a//b", "a/./b", "a/..", "a b",
            "a\tb", "a\nb", "a\\b", "a/*", "*/a", "a\u0000"}) {
            assertFalse(role, Roles.isValid(role));
            IllegalArgumentException e = assertThrows(role, IllegalArgumentException.class, () -> Roles.validate(role));
            assertTrue(e.getMessage(), e.getMessage().startsWith("Role"));
        }
        assertFalse(Roles.isValid(null));
    }

    @Test
    public void ancestryFollowsPathComponents() {
        assertTrue(Roles.isAncestorOrSelf("a", "a"));
        assertTrue(Roles.isAncestorOrSelf("a", "a/b"));
        assertTrue(Roles.isAncestorOrSelf("a", "a/b/c"));
        assertTrue(Roles.isAncestorOrSelf("a/b", "a/b/c"));
        assertTrue(Roles.isAncestorOrSelf("*", "*"));
        assertFalse(Roles.isAncestorOrSelf("a", "ab"));
        assertFalse(Roles.isAncestorOrSelf("a/b", "a"));
        assertFalse(Roles.isAncestorOrSelf("a/b", "a/bc"));
        assertFalse(Roles.isAncestorOrSelf("*", "a"));
        assertFalse(Roles.isStrictAncestor("a", "a"));
        assertTrue(Roles.isStrictAncestor("a", "a/b"));
    }

    @Test
    public void parentsAndPaths() {
        assertEquals(Optional.of("a/b"), Roles.parent("a/b/c"));
        assertEquals(Optional.empty(), Roles.parent("a"));
        assertEquals(Optional.empty(), Roles.parent("*"));
        assertEquals(List.of("a/b/c", "a/b", "a"), Roles.selfAndAncestors("a/b/c"));
        assertEquals(List.of("*"), Roles.selfAndAncestors("*"));
    }
}
