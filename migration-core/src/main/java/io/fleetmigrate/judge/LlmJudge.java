package io.fleetmigrate.judge;

import io.fleetmigrate.fix.FixModel;
import io.fleetmigrate.fix.ModelException;
import io.fleetmigrate.fix.ModelReply;
import io.fleetmigrate.fix.Prompt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The optional second model call: compares the final diff with the campaign's intent and can veto
 * it. It sees the diff, not the fixer's reasoning, so it judges what will be merged rather than
 * what was meant. When its answer cannot be read or the call fails, the change is vetoed: a judge
 * that did not judge approves nothing.
 */
public final class LlmJudge implements DiffJudge {
  static final int MAX_DIFF = 24_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern OBJECT = Pattern.compile("\\{.*}", Pattern.DOTALL);

  static final String SYSTEM =
      """
      You review an automated change to a Java repository before it becomes a pull request. The
      change has two parts: a deterministic migration recipe's diff, and a model's follow-up edits
      that made the build green. Approve only if both parts serve the stated intent and the model's
      edits do not weaken tests, hide failures, or change behaviour beyond what the migration needs.
      Answer with JSON only: {"approve": true|false, "reason": "<one or two sentences>"}""";

  private final FixModel model;

  public LlmJudge(FixModel model) {
    this.model = model;
  }

  @Override
  public JudgeVerdict judge(String intent, String recipeDiff, String modelDiff) {
    String user = "## Intent\n" + intent.strip() + "\n\n## The recipe's diff\n```diff\n" + cap(recipeDiff) + "\n```\n\n"
        + "## The model's edits\n```diff\n" + (modelDiff.isBlank() ? "(none: the recipe alone is green)" : cap(modelDiff)) + "\n```\n";
    ModelReply reply;
    try {
      reply = model.ask(new Prompt(SYSTEM, user));
    } catch (ModelException.CallFailed e) {
      return new JudgeVerdict(false, "the judge could not be asked: " + e.getMessage(), 0, 0);
    }
    Matcher m = OBJECT.matcher(reply.text());
    if (m.find()) {
      try {
        JsonNode answer = JSON.readTree(m.group());
        JsonNode approve = answer.get("approve");
        JsonNode reason = answer.get("reason");
        if (approve != null && approve.isBoolean()) {
          String why = reason == null || !reason.isString() || reason.asString().isBlank() ? "(no reason given)" : reason.asString().strip();
          return new JudgeVerdict(approve.asBoolean(), why, reply.inputTokens(), reply.outputTokens());
        }
      } catch (JacksonException e) {
        // falls through to the unreadable verdict
      }
    }
    return new JudgeVerdict(false, "the judge's answer could not be read", reply.inputTokens(), reply.outputTokens());
  }

  private static String cap(String diff) {
    return diff.length() <= MAX_DIFF ? diff : diff.substring(0, MAX_DIFF) + "\n[... " + (diff.length() - MAX_DIFF) + " more characters cut]";
  }
}
