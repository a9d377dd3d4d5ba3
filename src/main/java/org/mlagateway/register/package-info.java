/**
 * The register of citizens prosecuted or serving sentences abroad, kept for the GPO's legal-statistics
 * committee (docs/register.md): its feed from transfer-of-sentenced-person messages and from extradition
 * and transfer-of-proceedings outcomes for the state's own nationals, consular confirmations, bounded
 * search by name in any script or by IIN, and CSV export, every read a message-log entry. Uses
 * {@code store}, {@code message}, {@code config} and {@code error}. The entry type is {@link
 * org.mlagateway.register.Register}.
 */
package org.mlagateway.register;
