#!/bin/sh
# .git/hooks/pre-commit (chmod +x): when a commit changes the assessment or the policy, refuse it if
# either is invalid (syntax, schema, unknown ids). Unanswered questions and the policy's minimums are
# left to CI. rml-assess must be installed, as a development dependency or globally (see Install).
if git diff --cached --quiet -- rml-assessment.yaml .rml-assess.yaml; then exit 0; fi
exec npx --no-install rml-assess check --validate-only rml-assessment.yaml
