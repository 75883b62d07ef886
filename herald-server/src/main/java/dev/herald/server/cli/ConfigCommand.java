package dev.herald.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code herald [server flags] config --print}: the configuration the server would run with, from flags, environment,
 * {@code --config} file and defaults, as YAML that is itself a valid {@code --config} file (secrets hidden).
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective server configuration (flags > HERALD_* environment > --config file > defaults)"
                + " as YAML, secrets hidden. Server flags go before 'config': herald --config herald.yaml config --print")
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--print", required = true, description = "Print the effective configuration as YAML.")
    boolean print;

    @Override
    public Integer call() throws JsonProcessingException {
        parent.validate();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        spec.commandLine().getOut().print(yaml.writeValueAsString(parent.effectiveConfiguration()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
