/**
 * Sigma v2 correlation rules ({@code event_count}, {@code value_count}, {@code temporal},
 * {@code temporal_ordered}) and one gatewatch extension ({@code value_first_seen}) over the
 * matches of single-event rules: read by
 * {@link io.gatewatch.detect.correlation.CorrelationRuleParser}, run by
 * {@link io.gatewatch.detect.correlation.CorrelationEngine}. The specification (SigmaHQ,
 * "Sigma Correlation Rules Specification") leaves streaming behaviour open; ours is this.
 *
 * <h2>Groups and windows</h2>
 * <ul>
 *   <li>A match belongs to the group of its {@code group-by} values, each read as the first value
 *       at its ECS path (an alias reads the field it names for the matching rule). A match
 *       without one of them, or without value_count's field, is counted as ungrouped and
 *       ignored. No {@code group-by}: one group for all matches.
 *   <li>Time is event time. A group's window is {@code (newest - timespan, newest]}, newest
 *       being the latest match time the group has accepted: a match exactly one timespan before
 *       the newest is out, one a millisecond later is in.
 *   <li>Matches may arrive out of order: a late match counts when its time is still inside its
 *       group's window. A match at or before {@code newest - timespan} is late: ignored and
 *       counted (it could only complete a window that has already passed).
 *   <li>The condition is evaluated on each accepted match, over the window ending at the
 *       group's newest match. So {@code gte}/{@code gt} fire as soon as the count reaches them,
 *       and a condition with an upper bound ({@code lt}, {@code lte}, {@code eq}, ranges) fires
 *       when the count is in range as a match arrives: {@code lt: 5} fires on a group's first
 *       match. Conditions that can never hold for a count of one or more are refused by the parser.
 *   <li>{@code temporal} counts the distinct referred rules that matched in the window
 *       (default condition: all of them); {@code temporal_ordered} needs all of them at
 *       non-decreasing times in the listed order (equal times count as in order).
 * </ul>
 *
 * <h2>value_first_seen (extension)</h2>
 * Remembers, per group, the values of the condition's field with the time each was last seen,
 * and raises an alert (time: the match's; events: the match) for a value the group does not
 * hold, once a learning period has passed since the group's earliest match. A value is forgotten
 * a timespan after its last sighting; a group that forgot every value learns again from its next
 * match. It never restarts on firing: the new value is simply known from then on. How it
 * treats out-of-order matches is in {@link io.gatewatch.detect.correlation.FirstSeenCorrelator}.
 * Other Sigma tools do not know this type.
 *
 * <h2>Firing</h2>
 * When a correlation holds for a group it raises one alert (time: the window's end; events: the
 * last {@code sampleEvents} matches of the window; group: the group-by values) and the group's
 * window restarts empty: matches at or before the alert's time are no longer counted, and the
 * next alert needs a whole new set of matches after it. So a burst of 100 failed logins against
 * a {@code gte: 20} rule raises 5 alerts, not 81.
 *
 * <h2>Chaining and generate</h2>
 * A correlation's alert is a match of that correlation (by id and by name) for the
 * correlations that refer to it, at the alert's time, with the event that completed it. A rule
 * referred to only by correlations without {@code generate: true} raises no alert of its own:
 * the engine withholds such chained correlation alerts, and tells the detector which
 * single-event rules to withhold ({@code suppressed}).
 *
 * <h2>Bounded state</h2>
 * <ul>
 *   <li>Groups per correlation are capped ({@code maxGroupsPerRule}, and the lower
 *       {@code maxSeenGroups} for value_first_seen); past it the least recently updated group is
 *       evicted and counted. A value_first_seen group holds at most {@code maxSeenValues} values;
 *       past it the value seen longest ago is forgotten and counted.
 *   <li>A group expires when its newest match is two timespans older than the latest match time
 *       the engine has seen (one timespan of window, one of grace so that matches less than a
 *       timespan late still find their group), checked from the least recently updated end on
 *       every match; {@code expire(now)} applies the same rule against the wall clock to every
 *       group. A source whose clock lags the others by more than a timespan may lose state.
 *   <li>A window holds timestamps (8 bytes each), distinct values with their last time, or per
 *       rule times, never more than the lowest count that fires (a count grows one match at a
 *       time and the window restarts when it fires). Count types keep sample events only once a
 *       group is within {@code sampleEvents} matches of firing; temporal types keep the last
 *       event of each referred rule. Values longer than {@code maxValueChars} are cut and
 *       suffixed with a hash of the whole value.
 * </ul>
 *
 * <h2>Restart</h2>
 * {@code snapshot}/{@code restore} keep the windows (with their samples), and what value_first_seen
 * groups learned (values, last sightings, the start of learning), across a restart, in a
 * versioned, checksummed binary file. State of a correlation that is gone, or whose grouping or
 * window changed, is dropped on restore (a changed learning period keeps it, as a changed
 * threshold does).
 */
package io.gatewatch.detect.correlation;
