// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.cli;

import org.springframework.security.crypto.bcrypt.BCrypt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Prints the bcrypt hash of a password read from standard input, for {@code devices.yaml} or {@code crews.yaml}. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Reads a password from standard input and prints its salted bcrypt hash.")
final class HashPasswordCommand implements Callable<Integer> {
    @Option(names = "--cost", defaultValue = "10",
            description = "bcrypt cost, 4-16 (default ${DEFAULT-VALUE}; devices with random 128-bit secrets may use 6)")
    int cost;

    @Override
    public Integer call() throws IOException {
        if (cost < 4 || cost > 16) {
            System.err.println("--cost must be from 4 to 16, was " + cost);
            return 2;
        }
        final String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("no password on standard input");
            return 2;
        }
        System.out.println(BCrypt.hashpw(password, BCrypt.gensalt(cost)));
        return 0;
    }
}
