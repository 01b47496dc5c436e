//! The library's own shape: no function in `src` runs past 120 lines (from its `fn` keyword to
//! its closing brace; attributes and doc comments aside), so each reads on a screen or two.
//! Functions a `macro_rules!` body writes are not seen (syn reads a macro's body as tokens).

use std::path::Path;

use syn::visit::Visit;

/// Functions, methods and trait items with bodies, each as (name, first line, last line).
#[derive(Default)]
struct Functions(Vec<(String, usize, usize)>);

impl Functions {
    fn add(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let (from, to) = (
            sig.fn_token.span.start(),
            block.brace_token.span.close().end(),
        );
        self.0.push((sig.ident.to_string(), from.line, to.line));
    }
}

impl<'ast> Visit<'ast> for Functions {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.add(&f.sig, &f.block);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.add(&f.sig, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.add(&f.sig, block);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

#[test]
fn no_function_in_src_is_longer_than_120_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (mut files, mut functions, mut longest, mut long) = (0, 0, 0, Vec::new());
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut found = Functions::default();
        found.visit_file(&file);
        files += 1;
        functions += found.0.len();
        for (name, from, to) in found.0 {
            let lines = to - from + 1;
            longest = longest.max(lines);
            if lines > 120 {
                long.push(format!("{}:{from} {name}: {lines} lines", path.display()));
            }
        }
    }
    // The walk reached the library (every module, its functions) and read real line spans.
    assert!(longest > 60, "the longest function has {longest} lines");
    assert!(
        files > 100 && functions > 1_000,
        "{files} files, {functions} functions"
    );
    assert!(long.is_empty(), "{long:#?}");
}
