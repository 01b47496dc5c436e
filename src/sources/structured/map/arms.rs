//! Arms (groups) and interventions, each naming the other.

use super::{md_line, md_lines, vocab};
use crate::model::{paths, Arm, Intervention, Trial};
use crate::sources::structured::wire::api_v2::ArmsModule;

pub(super) fn arms(t: &mut Trial, am: &ArmsModule) {
    for (i, a) in am.arm_groups.iter().enumerate() {
        let kind = vocab(t, || paths::kind(&paths::arm(i)), a.kind.as_deref());
        t.arms.push(Arm {
            label: md_line(a.label.as_deref()).unwrap_or_default(),
            kind,
            description: md_line(a.description.as_deref()),
            intervention_names: md_lines(&a.intervention_names),
        });
    }
    for (i, iv) in am.interventions.iter().enumerate() {
        let kind = vocab(
            t,
            || paths::kind(&paths::intervention(i)),
            iv.kind.as_deref(),
        );
        t.interventions.push(Intervention {
            kind,
            name: md_line(iv.name.as_deref()).unwrap_or_default(),
            description: md_line(iv.description.as_deref()),
            other_names: md_lines(&iv.other_names),
            arm_labels: md_lines(&iv.arm_group_labels),
        });
    }
}
