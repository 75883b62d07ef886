package dev.herald.testkit;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program that tests need (redis-server, nginx): with {@code CI} set a missing one fails the test,
 * because CI must run every test; on a developer's machine it skips the test with a loud notice.
 */
final class RequiredBinary {

    private RequiredBinary() {
    }

    /** The first executable of {@code candidates}; otherwise fails (CI) or aborts the test, naming {@code debianPackage}. */
    static String find(String name, List<String> candidates, String debianPackage) {
        for (String candidate : candidates) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        String message = name + " is not installed (looked in " + candidates + "); install it with: apt-get install -y "
                + debianPackage;
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + ". CI is set, so the " + name + " tests must run, not be skipped.");
        }
        System.err.println("**** SKIPPING " + name.toUpperCase() + " TESTS: " + message + " ****");
        Assumptions.abort(message);
        return null;
    }
}
