package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The de-identification's character tests answer ASCII by hand (the quick compiler does not inline the JDK's
 * table lookups); for every one of the 65,536 characters they give the JDK's answer.
 */
class CharacterClassesTest {

    @Test
    void everyCharacterIsClassifiedAsTheJdkClassifiesIt() {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            String at = "U+" + Integer.toHexString(i);
            assertEquals(Character.isWhitespace(c), Withholding.isWhitespace(c), at);
            assertEquals(Character.isDigit(c), IdentifierScan.isDigit(c), at);
            assertEquals(Character.isLetter(c), IdentifierScan.isLetter(c), at);
            assertEquals(Character.isLetterOrDigit(c), Fold.isWordChar(c), at);
        }
    }
}
