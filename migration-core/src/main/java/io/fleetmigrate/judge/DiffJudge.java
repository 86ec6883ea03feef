package io.fleetmigrate.judge;

/** A verifier separate from the fixer: does this final diff do what the campaign intends, and nothing else? */
public interface DiffJudge {
  /** Never throws for a bad answer or a failed call: both are a veto, with the reason. */
  JudgeVerdict judge(String intent, String recipeDiff, String modelDiff);
}
