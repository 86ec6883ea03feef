/** Loads a campaign's report model from the store and writes the CSV and HTML files. */
@NullMarked
package io.fleetmigrate.report;

import org.jspecify.annotations.NullMarked;
