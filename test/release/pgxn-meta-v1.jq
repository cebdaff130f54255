# A validator of META.json against the PGXN Meta Spec 1.0.0 (https://pgxn.org/meta/spec.txt),
# written from the spec's required keys, types and value rules (the published JSON schemas
# of the v1 spec say the same).  Prints one line per violation; no output = valid.
#   jq -r -f test/release/pgxn-meta-v1.jq META.json

def semver_re: "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$";
def is_semver: type == "string" and test(semver_re);
# Term: a string of at least two characters without slash, backslash, space or control characters.
def is_term: type == "string" and length >= 2 and (test("[/\\\\[:space:][:cntrl:]]") | not);
def is_text: type == "string" and length >= 1;
def is_uri: type == "string" and test("^[A-Za-z][A-Za-z0-9+.-]*:[^[:space:]]+$");
def is_email: type == "string" and test("^[^@[:space:]]+@[^@[:space:]]+$");
def is_path: type == "string" and length >= 2 and (startswith("/") | not) and (test("\\\\") | not);
def custom: test("^[xX]_.");
# A version range: 0, or [op] version, AND-ed with commas.
def is_range:
  . == 0 or (type == "string" and (split(",") | to_entries | all(.[];
    (.value | sub("^[[:space:]]+"; "") | sub("[[:space:]]+$"; "") | sub("^(==|!=|<=|>=|<|>)[[:space:]]*"; "")) as $v
    | ($v | is_semver) or (.key == 0 and $v == "0"))));
def licenses: ["agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd", "freebsd",
  "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0", "mit", "mozilla_1_0",
  "mozilla_1_1", "openssl", "perl_5", "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source",
  "restricted", "unrestricted", "unknown"];
def is_license: type == "string" and (. as $l | licenses | index([$l]) != null);
# Keys of an object that are neither in $allowed nor custom (x_...).
def unknown_keys($allowed): keys[] | select((. as $k | $allowed | index([$k])) == null and (custom | not));
def unique_list: length == (unique | length);

if type != "object" then "META.json is not a JSON object" else
(
  # Required keys.
  (["name", "version", "abstract", "maintainer", "license", "provides", "meta-spec"][] as $k
    | select(has($k) | not) | "required key \"\($k)\" is missing"),
  # No other keys than the spec's (and custom x_ keys).
  (unknown_keys(["name", "version", "abstract", "maintainer", "license", "provides", "meta-spec",
      "description", "generated_by", "tags", "no_index", "prereqs", "release_status", "resources"])
    | "unknown key \"\(.)\" (custom keys start with x_)"),
  (select(has("name")) | .name | select(is_term | not) | "name \(tojson) is not a term (2+ characters, no slash, backslash, space or control character)"),
  (select(has("version")) | .version | select(is_semver | not) | "version \(tojson) is not a semantic version (N.N.N)"),
  (["abstract", "description", "generated_by"][] as $k | select(has($k)) | .[$k]
    | select(is_text | not) | "\($k) must be a non-empty string"),
  (select(has("maintainer")) | .maintainer
    | select((is_text or (type == "array" and length >= 1 and all(.[]; is_text) and unique_list)) | not)
    | "maintainer must be a non-empty string or a non-empty list of distinct non-empty strings"),
  (select(has("license")) | .license
    | select((is_license
        or (type == "array" and length >= 1 and all(.[]; is_license) and unique_list)
        or (type == "object" and length >= 1 and all(.[]; is_uri))) | not)
    | "license \(tojson) is neither a known license name, a list of them, nor an object of name: URI"),
  (select(has("provides")) | .provides
    | if type != "object" or length == 0 then "provides must be an object naming at least one extension"
      else to_entries[] | .key as $e | .value
        | if type != "object" then "provides.\($e) must be an object" else
          (select($e | is_term | not) | "provides: \($e | tojson) is not a term"),
          (["file", "version"][] as $k | select(has($k) | not) | "provides.\($e).\($k) is required"),
          (unknown_keys(["file", "version", "abstract", "docfile", "docpath"]) | "provides.\($e): unknown key \"\(.)\""),
          (select(has("file")) | .file | select(is_path | not) | "provides.\($e).file \(tojson) is not a relative path"),
          (select(has("docfile")) | .docfile | select(is_path | not) | "provides.\($e).docfile \(tojson) is not a relative path"),
          (select(has("version")) | .version | select(is_semver | not) | "provides.\($e).version \(tojson) is not a semantic version"),
          (select(has("abstract")) | .abstract | select(is_text | not) | "provides.\($e).abstract must be a non-empty string")
          end
      end),
  (select(has("meta-spec")) | .["meta-spec"]
    | if type != "object" then "meta-spec must be an object" else
      (select(has("version") | not) | "meta-spec.version is required"),
      (select(has("version")) | .version | select((type == "string" and test("^1\\.0\\.[0-9]+$")) | not) | "meta-spec.version \(tojson) is not 1.0.x"),
      (select(has("url")) | .url | select(. != "https://pgxn.org/meta/spec.txt" and . != "http://pgxn.org/meta/spec.txt") | "meta-spec.url \(tojson) is not the spec's address"),
      (unknown_keys(["version", "url"]) | "meta-spec: unknown key \"\(.)\"")
      end),
  (select(has("release_status")) | .release_status | select(. != "stable" and . != "testing" and . != "unstable")
    | "release_status \(tojson) is not stable, testing or unstable"),
  (select(has("tags")) | .tags
    | if type != "array" or length == 0 or (unique_list | not) then "tags must be a non-empty list of distinct strings"
      else .[] | select((type == "string" and length >= 2 and length <= 255 and (test("[/\\\\[:cntrl:]]") | not)) | not)
        | "tag \(tojson) must have 2-255 characters and no slash, backslash or control character"
      end),
  (select(has("prereqs")) | .prereqs
    | if type != "object" or length == 0 then "prereqs must be an object with at least one phase" else
      (unknown_keys(["configure", "build", "test", "runtime", "develop"]) | "prereqs: unknown phase \"\(.)\""),
      (to_entries[] | select(.key | custom | not) | .key as $p | .value
        | if type != "object" or length == 0 then "prereqs.\($p) must be an object with at least one relationship" else
          (unknown_keys(["requires", "recommends", "suggests", "conflicts"]) | "prereqs.\($p): unknown relationship \"\(.)\""),
          (to_entries[] | select(.key | custom | not) | .key as $r | .value
            | if type != "object" or length == 0 then "prereqs.\($p).\($r) must name at least one prerequisite" else
              to_entries[]
              | (select(.key | is_term | not) | "prereqs.\($p).\($r): \(.key | tojson) is not a term"),
                (select(.value | is_range | not) | "prereqs.\($p).\($r).\(.key) = \(.value | tojson) is not a version range")
              end)
          end)
      end),
  (select(has("resources")) | .resources
    | if type != "object" then "resources must be an object" else
      (unknown_keys(["homepage", "bugtracker", "repository"]) | "resources: unknown key \"\(.)\""),
      (select((has("homepage") or has("bugtracker") or has("repository")) | not) | "resources needs homepage, bugtracker or repository"),
      (select(has("homepage")) | .homepage | select(is_uri | not) | "resources.homepage \(tojson) is not a URI"),
      (select(has("bugtracker")) | .bugtracker
        | if type != "object" or ((has("web") or has("mailto")) | not) then "resources.bugtracker needs web or mailto"
          else (select(has("web")) | .web | select(is_uri | not) | "resources.bugtracker.web is not a URI"),
               (select(has("mailto")) | .mailto | select(is_email | not) | "resources.bugtracker.mailto is not an email address"),
               (unknown_keys(["web", "mailto"]) | "resources.bugtracker: unknown key \"\(.)\"") end),
      (select(has("repository")) | .repository
        | if type != "object" or (((has("url") and has("type")) or has("web")) | not) then "resources.repository needs url and type, or web"
          else (select(has("url")) | .url | select(is_uri | not) | "resources.repository.url is not a URI"),
               (select(has("web")) | .web | select(is_uri | not) | "resources.repository.web is not a URI"),
               (select(has("type")) | .type | select((type == "string" and test("^[a-z]+$")) | not) | "resources.repository.type must be a lowercase word"),
               (unknown_keys(["url", "web", "type"]) | "resources.repository: unknown key \"\(.)\"") end)
      end),
  (select(has("no_index")) | .no_index
    | if type != "object" then "no_index must be an object" else
      (unknown_keys(["file", "directory"]) | "no_index: unknown key \"\(.)\""),
      (to_entries[] | select(.key | custom | not)
        | select((.value | (type == "string" and length >= 1) or (type == "array" and length >= 1 and all(.[]; type == "string" and length >= 1))) | not)
        | "no_index.\(.key) must be a path or a non-empty list of paths")
      end)
)
end
