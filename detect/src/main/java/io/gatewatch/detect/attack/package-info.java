/**
 * ATT&CK coverage of a rule set: which techniques the rules' {@code attack.*} tags name
 * ({@link io.gatewatch.detect.attack.AttackCoverage}), written as an ATT&CK Navigator layer
 * ({@link io.gatewatch.detect.attack.NavigatorLayer}).
 */
package io.gatewatch.detect.attack;
