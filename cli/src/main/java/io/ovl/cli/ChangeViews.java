package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.Finding;
import io.ovl.mode.PlanView;
import io.ovl.change.ChangeReport;
import io.ovl.kvmode.Plan;
import io.ovl.change.PreflightReport;
import io.ovl.kvmode.ResetPlan;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmResetPlan;
import java.util.List;

/** The renderings of a planned init or reset: the plan as text and as JSON, and the report as text. */
final class ChangeViews {
    private ChangeViews() {
    }

    /** The plan as printed before anything changes (after doctor's "Checks:" lines, for init). */
    static final class PlanText implements PlanView<String> {
        @Override
        public String kvInit(Plan plan, PreflightReport checks) {
            return InitView.planText(plan);
        }

        /** The swarm plan's own blockers are in its text; doctor's failures are added when only they block. */
        @Override
        public String swarmInit(SwarmPlan plan, PreflightReport checks, List<Finding> blockers) {
            StringBuilder b = new StringBuilder(SwarmView.planText(plan));
            if (!plan.blocked() && checks.failed()) {
                b.append("blocked by the checks (nothing will be changed):\n");
                checks.blockers().forEach(x -> b.append("  ").append(x.format()).append('\n'));
            }
            return b.toString();
        }

        @Override
        public String kvReset(ResetPlan plan) {
            return InitView.resetPlanText(plan);
        }

        @Override
        public String swarmReset(SwarmResetPlan plan) {
            return SwarmView.resetPlanText(plan);
        }
    }

    /** The plan as {@code --output json} shows it (see each command's --help footer). */
    static final class PlanJson implements PlanView<ObjectNode> {
        @Override
        public ObjectNode kvInit(Plan plan, PreflightReport checks) {
            ObjectNode json = InitView.planJson(plan);
            json.set("checks", PreflightRun.json(checks));
            return json;
        }

        @Override
        public ObjectNode swarmInit(SwarmPlan plan, PreflightReport checks, List<Finding> blockers) {
            ObjectNode json = SwarmView.planJson(plan);
            json.set("blockers", InitView.blockersJson(blockers));
            json.set("checks", PreflightRun.json(checks));
            return json;
        }

        @Override
        public ObjectNode kvReset(ResetPlan plan) {
            return InitView.resetPlanJson(plan);
        }

        @Override
        public ObjectNode swarmReset(SwarmResetPlan plan) {
            return SwarmView.resetPlanJson(plan);
        }
    }

    /** What an applied plan did, as text. */
    static final class ReportText implements PlanView<String> {
        private final ChangeReport report;

        ReportText(ChangeReport report) {
            this.report = report;
        }

        @Override
        public String kvInit(Plan plan, PreflightReport checks) {
            return InitView.reportText(report, "init");
        }

        @Override
        public String swarmInit(SwarmPlan plan, PreflightReport checks, List<Finding> blockers) {
            return InitView.reportText(report, "init");
        }

        @Override
        public String kvReset(ResetPlan plan) {
            return InitView.reportText(report, "reset");
        }

        @Override
        public String swarmReset(SwarmResetPlan plan) {
            return SwarmView.resetReportText(report);
        }
    }
}
