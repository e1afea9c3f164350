package io.modomodo.policy.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import io.modomodo.policy.TinyModels;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceTokenizerTest {

    /**
     * A word-level tokenizer.json written the way HuggingFace's library saves one: the control tokens
     * and a template tag as added special tokens, words in model.vocab.
     */
    static final String WORD_LEVEL = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 0, "content": "<pad>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 3, "content": "<image>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 11, "content": "<answer>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
             "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
             "model": {"type": "WordLevel", "unk_token": "<unk>",
               "vocab": {"<pad>": 0, "<s>": 1, "</s>": 2, "<image>": 3, "<unk>": 4, "the": 5, "answer": 6, "is": 7,
                         "red": 8, "blue": 9, "green": 10, "<answer>": 11}}}
            """;

    static final HuggingFaceTokenizer.SpecialTokens SPECIALS =
            new HuggingFaceTokenizer.SpecialTokens("<pad>", "<s>", "</s>", "<image>");

    @TempDir
    Path root;

    @Test
    void encodesAndDecodesThroughTheTokenizersLibrary() {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.fromJson(WORD_LEVEL, SPECIALS)) {
            assertThat(tokenizer.vocabularySize()).isEqualTo(12);
            assertThat(List.of(tokenizer.padId(), tokenizer.bosId(), tokenizer.eosId(), tokenizer.imageId()))
                    .containsExactly(0, 1, 2, 3);
            assertThat(tokenizer.encode("the answer is red")).containsExactly(5, 6, 7, 8);
            assertThat(tokenizer.encode("<answer> blue")).containsExactly(11, 9);
            assertThat(tokenizer.encode("the answer is purple")).containsExactly(5, 6, 7, 4);
            // Control tokens vanish from decoded text; a special token that stands for text stays.
            assertThat(tokenizer.decode(new int[] {1, 3, 11, 9, 2, 0, 0})).isEqualTo("<answer> blue");
            assertThat(tokenizer.decode(tokenizer.encode("the answer is green"))).isEqualTo("the answer is green");
        }
    }

    @Test
    void refusesSpecialTokensTheVocabularyDoesNotHave() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HuggingFaceTokenizer.fromJson(WORD_LEVEL,
                        new HuggingFaceTokenizer.SpecialTokens("<pad>", "<bos>", "</s>", "<image>")))
                .withMessageContaining("bos token <bos>");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HuggingFaceTokenizer.fromJson("{not json", SPECIALS))
                .withMessageContaining("not valid JSON");
    }

    @Test
    void readsUnigramVocabulariesByPosition() {
        String unigram = """
                {"version": "1.0", "added_tokens": [], "normalizer": null, "pre_tokenizer": {"type": "Whitespace"},
                 "post_processor": null, "decoder": null,
                 "model": {"type": "Unigram", "unk_id": 4, "vocab": [["<pad>", 0.0], ["<s>", 0.0], ["</s>", 0.0],
                   ["<image>", 0.0], ["<unk>", 0.0], ["red", -1.0], ["blue", -1.5]]}}
                """;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.fromJson(unigram, SPECIALS)) {
            assertThat(tokenizer.vocabularySize()).isEqualTo(7);
            assertThat(tokenizer.encode("red blue")).containsExactly(5, 6);
        }
    }

    @Test
    void aPolicyOnAHuggingFaceVocabularyGeneratesAndSurvivesACheckpoint() {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.fromJson(WORD_LEVEL, SPECIALS);
                VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(
                        new PolicyConfig(tokenizer.vocabularySize(), 16, 4, 32, 1, 2, 64, 24, 1e-5, 0.02, 3),
                        tokenizer, Device.cpu())) {
            List<GenerationInput> inputs = List.of(
                    new GenerationInput(TinyModels.noise(16, 1), policy.encodePrompt("the answer is")));
            SamplingOptions options = new SamplingOptions(1.0, 1.0, 6, List.of(), 9, true);
            Completion completion = new Generator(policy).generate(inputs, options).get(0);
            assertThat(java.util.Arrays.stream(completion.tokenIds()).allMatch(id -> id >= 0 && id < 12)).isTrue();

            DirectoryCheckpointStore store = new DirectoryCheckpointStore(root);
            long version = store.save(policy, null, Map.of());
            try (LoadedCheckpoint loaded = store.load(version, Device.cpu())) {
                Tokenizer restored = loaded.policy().tokenizer();
                assertThat(restored).isInstanceOf(HuggingFaceTokenizer.class);
                assertThat(restored.descriptor()).isEqualTo(tokenizer.descriptor());
                assertThat(restored.encode("the answer is blue")).containsExactly(5, 6, 7, 9);
                assertThat(new Generator(loaded.policy()).generate(inputs, options).get(0).tokenIds())
                        .isEqualTo(completion.tokenIds());
            }
        }
    }
}
