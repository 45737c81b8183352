package org.gridcase.support;

import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A listener the engine calls when any user task of any process is created, without the model naming it
 * (see the identity feature's parse listener). For what every task needs whatever its process.
 */
public interface TaskCreateListener extends TaskListener {
}
