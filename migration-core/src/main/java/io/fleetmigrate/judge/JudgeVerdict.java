package io.fleetmigrate.judge;

/**
 * What the LLM judge said about a final diff.
 *
 * @param approved whether the change may be proposed
 * @param reason the judge's reason, recorded either way
 */
public record JudgeVerdict(boolean approved, String reason, long inputTokens, long outputTokens) {}
