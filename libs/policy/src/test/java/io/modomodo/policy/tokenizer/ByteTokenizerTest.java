package io.modomodo.policy.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class ByteTokenizerTest {

    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @Test
    void templateTagsAreSingleTokensAndTextIsBytes() {
        int[] ids = tokenizer.encode("<think>hi</think><answer>B</answer>");
        assertThat(ids).containsExactly(260, 'h', 'i', 261, 262, 'B', 263);
        assertThat(tokenizer.decode(ids)).isEqualTo("<think>hi</think><answer>B</answer>");
        assertThat(tokenizer.vocabularySize()).isEqualTo(264);
    }

    @Test
    void roundTripsUnicodeAndDropsControlTokens() {
        String text = "Größe 3×4 = 12 ✓ 猫";
        int[] ids = tokenizer.encode(text);
        assertThat(ids.length).isGreaterThan(text.length());
        int[] framed = new int[ids.length + 3];
        framed[0] = tokenizer.bosId();
        System.arraycopy(ids, 0, framed, 1, ids.length);
        framed[ids.length + 1] = tokenizer.eosId();
        framed[ids.length + 2] = tokenizer.padId();
        assertThat(tokenizer.decode(framed)).isEqualTo(text);
    }

    @Test
    void aCutMultiByteCharacterDecodesToAReplacementCharacter() {
        int[] ids = tokenizer.encode("é");
        assertThat(tokenizer.decode(new int[] {ids[0]})).isEqualTo("\uFFFD");
    }

    @Test
    void rebuildsFromItsDescriptor() {
        ByteTokenizer custom = new ByteTokenizer(List.of("<a>", "<ab>"));
        assertThat(Tokenizers.fromDescriptor(custom.descriptor())).isEqualTo(custom);
        assertThat(custom.encode("<ab>")).as("longest tag wins").containsExactly(261);
        assertThatIllegalArgumentException().isThrownBy(() -> Tokenizers.fromDescriptor(java.util.Map.of("type", "bpe")))
                .withMessageContaining("unknown type");
        assertThatIllegalArgumentException().isThrownBy(() -> tokenizer.decode(new int[] {9999}))
                .withMessageContaining("outside the vocabulary");
    }
}
