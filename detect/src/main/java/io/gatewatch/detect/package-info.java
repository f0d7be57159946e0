/**
 * Detection: Sigma rules (specification v2, with ECS field names) compiled into matchers grouped
 * by field, correlation rules over the matches, and the built-in rule pack for the attacks on
 * Connect Secure appliances.
 */
package io.gatewatch.detect;
