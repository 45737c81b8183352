/**
 * Residents report without a login (随手拍): the mobile page {@code /report} (a category, what they saw, up to three
 * photos, where, a phone), the status page {@code /report/{trackingNumber}?k=…}, the duplicate hint and the grid QR
 * codes and posters (一格一码) that open the page with the grid preset. A report becomes a normal request case through
 * {@link org.gridcase.request.RequestIntake}; its photos are stored with it in one transaction
 * ({@link org.gridcase.attachment.Attachments#attachReported}). {@link org.gridcase.report.AbuseGuard} stops scripted
 * floods without a CAPTCHA.
 */
package org.gridcase.report;
