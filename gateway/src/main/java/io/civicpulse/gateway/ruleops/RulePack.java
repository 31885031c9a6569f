// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.engine.RuleEngine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One compiled generation of the rules: the live engine (default pack + configured files + the operator folder's
 * {@code *.drl}) and, when the folder holds {@code *.shadow.drl} files, a shadow engine with those added.
 *
 * @param generation      increases by one per successful load
 * @param live            the engine lanes evaluate
 * @param shadow          live + shadow files, or null when there are none
 * @param liveFiles       operator files in the live engine
 * @param shadowFiles     shadow files
 * @param shadowRuleNames names of the rules that only the shadow engine has
 * @param loadedAt        when this generation was compiled
 */
public record RulePack(long generation, RuleEngine live, RuleEngine shadow, List<Path> liveFiles,
                       List<Path> shadowFiles, Set<String> shadowRuleNames, Instant loadedAt) {
}
