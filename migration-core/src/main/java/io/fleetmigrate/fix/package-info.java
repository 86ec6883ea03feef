/**
 * The fix station: the one agentic node of the pipeline, bounded. A LangChain4j {@code ChatModel}
 * is shown the campaign's intent, the repository's own context file, the recipe's diff and the
 * structured diagnostics, and answers with search/replace edits; each edit is checked and applied,
 * the guardrails judge the result, verify runs again — at most N times, within token budgets.
 */
@NullMarked
package io.fleetmigrate.fix;

import org.jspecify.annotations.NullMarked;
