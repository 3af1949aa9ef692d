package org.sham4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import org.sham4j.model.runtime.GraphRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sham} command: compact weight matrices, products on the compressed form, benchmarks. */
@Command(name = "sham", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Compress weight matrices (pruning, weight sharing, Huffman address maps) and run products on "
                + "the compressed form.",
        subcommands = {BenchCommand.class, GenerateCommand.class, EncodeCommand.class, DecodeCommand.class, InfoCommand.class,
                RunCommand.class, ExportCommand.class,
                TrainCommand.class, EvalCommand.class, CompressCommand.class, CompareCommand.class, SweepCommand.class,
                PredictCommand.class,
                ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "on an error, print its stack trace too")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println("sham: error in thread " + Errors.printable(t.getName()) + ": " + Errors.oneLine(e));
            if (Arrays.asList(args).contains("--debug")) {
                e.printStackTrace();
            }
        });
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable e) {
            System.err.println("sham: error: " + Errors.oneLine(e));
            code = Errors.exitCode(e);
        }
        System.exit(code);
    }

    /**
     * The configured command line: every error, picocli's or ours, is reported in one line (two for usage errors,
     * with where to find help) and ends with the exit code of its class ({@link ExitCode}); {@code --debug} adds
     * the stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println(name(cmd) + ": usage error: " + Errors.oneLine(e));
            cmd.getErr().println("Try '" + name(cmd) + " --help' for more information.");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd, parsed));
        return cl;
    }

    private static int report(Throwable e, CommandLine cmd, CommandLine.ParseResult parsed) {
        int code = Errors.exitCode(e);
        String kind = switch (code) {
            case ExitCode.USAGE -> "usage error";
            case ExitCode.CHECK -> "check failed";
            default -> "error";
        };
        cmd.getErr().println(name(cmd) + ": " + kind + ": " + Errors.oneLine(e));
        if (code == ExitCode.USAGE) {
            cmd.getErr().println("Try '" + name(cmd) + " --help' for more information.");
        }
        if (debugging(parsed)) {
            e.printStackTrace(cmd.getErr());
        }
        return code;
    }

    private static String name(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    private static boolean debugging(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the version recorded at build time, and names the JVM and the kernels it runs. */
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
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                    "kernels: " + GraphRunner.denseProducts()};
        }
    }
}
