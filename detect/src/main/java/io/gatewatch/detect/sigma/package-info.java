/**
 * Sigma rules (specification v2, ECS field names; also the reference platform's dialect): loading
 * from YAML with errors that name file and line ({@link io.gatewatch.detect.sigma.RuleSet}), the
 * value modifiers and the condition language, running them on events
 * ({@link io.gatewatch.detect.sigma.Detector}), the built-in pack
 * ({@link io.gatewatch.detect.sigma.BuiltinRules}) and the examples kept beside each rule
 * ({@link io.gatewatch.detect.sigma.RuleExamples}).
 */
package io.gatewatch.detect.sigma;
