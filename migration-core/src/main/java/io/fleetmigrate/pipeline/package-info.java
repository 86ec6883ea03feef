/** The per-repository blueprint: checkout, baseline, rewrite, verify, deliver, record; an outcome is a value, never an escaping exception. */
@NullMarked
package io.fleetmigrate.pipeline;

import org.jspecify.annotations.NullMarked;
