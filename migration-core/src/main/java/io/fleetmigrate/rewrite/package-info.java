/** Rewrite station: the OpenRewrite engine in its single recipe lane. */
@NullMarked
package io.fleetmigrate.rewrite;

import org.jspecify.annotations.NullMarked;
