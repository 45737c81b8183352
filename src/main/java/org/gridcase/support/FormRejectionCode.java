package org.gridcase.support;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.errorcode.ExceptionCodeProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every engine exception caused by a {@link FormRejectedException} that exception's code, so the engine REST
 * API's answer carries {@code "code": 22001} although the engine wrapped the refusal ("ENGINE-03051 There was an
 * exception while invoking the TaskListener").
 */
@Component
class FormRejectionCode extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomExceptionCodeProvider(new ExceptionCodeProvider() {
            @Override
            public Integer provideCode(ProcessEngineException e) {
                return FormRejectedException.in(e) == null ? null : FormRejectedException.CODE;
            }
        });
    }
}
