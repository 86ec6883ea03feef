/** The Spring Batch job: one partition per shard of a run's frozen inventory snapshot, chunk(1) per repository. */
@NullMarked
package io.fleetmigrate.batch;

import org.jspecify.annotations.NullMarked;
