/**
 * 一键达 notices: a notice to every household of some areas, an SMS with a one-time confirm link through the
 * outbox, receipts by link or SMS reply, and a follow-up task per grid for the households that did not confirm
 * ({@code processes/notice.bpmn}). {@link org.gridcase.notice.NoticeService} is the feature's one public service.
 */
package org.gridcase.notice;
