// The columns migration 0010_registry_core added (children's categories' proposal evidence, a
// family member's removal reason) are declared with their tables in core/tables/children.ts. This
// module stays so that imports of it keep working; remove it once nothing imports it.
import '../../core/tables/children.js';
