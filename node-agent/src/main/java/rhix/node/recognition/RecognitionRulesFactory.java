package rhix.node.recognition;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import rhix.recognition.rules.RecognitionRules;

/** The region's recognition rules: {@code rhix.node.recognition.rules} when set, else the shipped table. */
@Factory
public class RecognitionRulesFactory {

    @Singleton
    public RecognitionRules recognitionRules(RecognitionConfiguration configuration) {
        return configuration.rules() == null ? RecognitionRules.load() : RecognitionRules.load(configuration.rules());
    }
}
