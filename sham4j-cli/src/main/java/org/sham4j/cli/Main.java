package org.sham4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sham} command: compact weight matrices, products on the compressed form, benchmarks. */
@Command(name = "sham", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Compress weight matrices (pruning, weight sharing, Huffman address maps) and run products on "
                + "the compressed form.",
        subcommands = {BenchCommand.class, EncodeCommand.class, DecodeCommand.class, InfoCommand.class,
                RunCommand.class, ExportCommand.class,
                TrainCommand.class, EvalCommand.class, CompressCommand.class, CompareCommand.class, SweepCommand.class,
                ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with one-line error reporting. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("sham " + cmd.getCommandName() + ": error: " + Errors.oneLine(e));
            return 1;
        });
        return cl;
    }

    /** Reads the version recorded at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/sham4j.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"sham4j " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
