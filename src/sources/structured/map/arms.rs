//! Arms (groups) and interventions, each naming the other.

use super::{md_line, md_lines, moved, vocab};
use crate::model::{paths, Arm, Intervention, Trial};
use crate::sources::structured::wire::api_v2::ArmsModule;

pub(super) fn arms(t: &mut Trial, am: ArmsModule) {
    for (i, a) in am.arm_groups.into_iter().enumerate() {
        let kind = vocab(t, || paths::kind(&paths::arm(i)), a.kind.as_deref());
        t.arms.push(Arm {
            label: moved(a.label, md_line).unwrap_or_default(),
            kind,
            description: moved(a.description, md_line),
            intervention_names: md_lines(a.intervention_names),
        });
    }
    for (i, iv) in am.interventions.into_iter().enumerate() {
        let kind = vocab(
            t,
            || paths::kind(&paths::intervention(i)),
            iv.kind.as_deref(),
        );
        t.interventions.push(Intervention {
            kind,
            name: moved(iv.name, md_line).unwrap_or_default(),
            description: moved(iv.description, md_line),
            other_names: md_lines(iv.other_names),
            arm_labels: md_lines(iv.arm_group_labels),
        });
    }
}
