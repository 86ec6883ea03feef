/**
 * Renderings of a campaign's state: {@link io.fleetmigrate.reports.CsvReport} (Commons CSV) and
 * {@link io.fleetmigrate.reports.HtmlReport} (a Thymeleaf template, one self-contained page). The
 * model, {@link io.fleetmigrate.reports.CampaignReport}, is loaded from the store by the caller.
 */
@NullMarked
package io.fleetmigrate.reports;

import org.jspecify.annotations.NullMarked;
