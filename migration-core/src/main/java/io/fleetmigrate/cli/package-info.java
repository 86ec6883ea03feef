/** The Picocli command line: one class per subcommand; exit codes in {@link io.fleetmigrate.cli.ExitCode}. */
@NullMarked
package io.fleetmigrate.cli;

import org.jspecify.annotations.NullMarked;
