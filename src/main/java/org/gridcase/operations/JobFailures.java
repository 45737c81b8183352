package org.gridcase.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.gridcase.support.NeedsOperatorException;
import org.springframework.stereotype.Component;

/**
 * What happens when a job fails. Every timer and asynchronous step of GridCase's processes is retried with the
 * engine's own back-off, defined once for all of them: {@code failed-job-retry-time-cycle} in application.yml (the
 * engine applies it to every timer and async element without a cycle of its own), then an incident in Cockpit.
 * The one exception is a {@link NeedsOperatorException}: no retry can fix it, so the job goes to an incident at
 * once instead of an hour and a half later.
 */
@Component
class JobFailures extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory engines = configuration.getFailedJobCommandFactory() != null
                ? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory((jobId, exception) -> NeedsOperatorException.in(exception)
                ? new IncidentNow(jobId, exception) : engines.getCommand(jobId, exception));
    }

    /** The failure is recorded on the job, its retries go to 0: the engine raises the incident. */
    static final class IncidentNow extends JobRetryCmd {

        IncidentNow(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job != null) {
                job.unlock();
                logException(job);
                job.setRetries(0);
            }
            return null;
        }
    }
}
