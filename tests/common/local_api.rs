//! A hand-rolled HTTP/1.1 server on 127.0.0.1 standing in for the registry's APIs: it
//! serves what each test's handler says, byte for byte, and injects the faults of a real
//! network (statuses, Retry-After, bodies cut short, slow answers). Shared by the `fetch`
//! and `history` tests; no test touches the internet.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server does for one request.
pub enum Reply {
    Json(String),
    Status(u16, &'static str, Vec<(&'static str, String)>, String),
    /// Promises `declared` bytes, sends `body` (shorter), and closes.
    Truncated(String),
    /// Sends half of `body` with no Content-Length and closes: JSON that stops mid-value.
    CutUnsized(String),
    /// Sleeps before answering.
    Slow(Duration, Box<Reply>),
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub query: HashMap<String, String>,
    pub at: Instant,
}

pub type Handler = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

/// A hand-rolled HTTP/1.1 server on 127.0.0.1: full control over every byte it sends.
pub struct Server {
    pub base: String,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves with `handler`, which gets each request and how many times the same path and
    /// page token were asked for before (0 the first time).
    pub fn start(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/api/v2", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let server_log = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let handler = handler.clone();
                let log = server_log.clone();
                thread::spawn(move || serve(stream, &*handler, &log));
            }
        });
        Server { base, log }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// How many requests asked for `path`.
    pub fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// Runs `trialnorm <subcommand>` against this server with short timeouts and backoffs,
    /// `stdin` on its standard input.
    pub fn run(&self, subcommand: &str, args: &[&str], stdin: &[u8]) -> Output {
        let mut child = self
            .command(subcommand, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        child.wait_with_output().unwrap()
    }

    /// The command `run` runs, for a test that wires its standard streams itself.
    pub fn command(&self, subcommand: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_trialnorm"));
        command
            .arg(subcommand)
            .args(["--api-base", &self.base])
            .args(["--rate", "0", "--timeout", "0.5", "--backoff", "0.01"])
            .args(args)
            .env_remove("TRIALNORM_API_BASE");
        command
    }
}

fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) if header == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split(' ').nth(1).unwrap_or("/");
    let url = reqwest::Url::parse(&format!("http://localhost{target}")).unwrap();
    let seen = Seen {
        path: url.path().to_string(),
        query: url.query_pairs().into_owned().collect(),
        at: Instant::now(),
    };
    let before = {
        let mut log = log.lock().unwrap();
        let key = |s: &Seen| (s.path.clone(), s.query.get("pageToken").cloned());
        let n = log.iter().filter(|s| key(s) == key(&seen)).count();
        log.push(seen.clone());
        n
    };
    let reply = handler(&seen, before);
    send(stream, reply);
}

fn send(mut stream: TcpStream, reply: Reply) {
    let (status, reason, headers, body, declared) = match reply {
        Reply::Json(body) => (200, "OK", vec![], body, None),
        Reply::Status(status, reason, headers, body) => (status, reason, headers, body, None),
        Reply::Truncated(body) => {
            let declared = body.len();
            let cut = body[..body.len() / 2].to_string();
            (200, "OK", vec![], cut, Some(declared))
        }
        Reply::CutUnsized(body) => {
            let cut = &body[..body.len() / 2];
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(cut.as_bytes());
            return;
        }
        Reply::Slow(delay, reply) => {
            thread::sleep(delay);
            return send(stream, *reply);
        }
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        declared.unwrap_or(body.len())
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    // The client may have given up (a slow reply): writing then fails, which is fine.
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
    let _ = stream.flush();
}

pub fn not_found() -> Reply {
    Reply::Status(404, "Not Found", vec![], "Study not found".into())
}

pub fn unavailable() -> Reply {
    Reply::Status(503, "Service Unavailable", vec![], "busy".into())
}
