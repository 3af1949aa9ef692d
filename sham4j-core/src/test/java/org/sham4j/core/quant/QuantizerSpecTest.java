package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantizerSpecTest {

    @Test
    void parsesEveryMethod() {
        for (String m : QuantizerSpec.METHODS) {
            QuantizerSpec s = QuantizerSpec.parse(m + ":32");
            assertEquals(m, s.method());
            assertEquals(32, s.k());
            assertEquals(m + ":32", s.toString());
        }
        assertEquals("cws-linear", QuantizerSpec.parse(" CWS:7 ").quantizer().name());
        assertEquals("cws-kmeans++", QuantizerSpec.parse("cws-kmeans++:7").quantizer().name());
        assertEquals("cws-dp", QuantizerSpec.parse("cws-dp:2").quantizer().name());
        assertInstanceOf(PwsQuantizer.class, QuantizerSpec.parse("pws:1").quantizer());
        assertInstanceOf(UniformQuantizer.class, QuantizerSpec.parse("uq:65536").quantizer());
        assertInstanceOf(EcsqQuantizer.class, QuantizerSpec.parse("ecsq:4").quantizer());
    }

    @Test
    void explainsBadSpecs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuantizerSpec.parse("foo:3"));
        assertTrue(e.getMessage().startsWith("unknown quantizer 'foo', expected one of cws, cws-linear"),
                e.getMessage());
        for (String bad : new String[] {"cws:0", "cws:65537", "cws:x", "cws:", "cws:-3"}) {
            e = assertThrows(IllegalArgumentException.class, () -> QuantizerSpec.parse(bad));
            assertTrue(e.getMessage().startsWith("k must be between 1 and 65536"), e.getMessage());
        }
        for (String bad : new String[] {"cws", "cws:3:4", ""}) {
            e = assertThrows(IllegalArgumentException.class, () -> QuantizerSpec.parse(bad));
            assertTrue(e.getMessage().contains("must be method:k"), e.getMessage());
        }
    }
}
